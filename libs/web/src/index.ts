export {
  apiError,
  apiErrorMessage,
  apiErrorReasons,
  NETWORK_ERROR_MESSAGE,
  UserFacingError,
} from './lib/api-error';
export { FileDownload } from './lib/file-download';
