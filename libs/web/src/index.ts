export { provideWebApp } from './lib/app-providers';
export {
  apiError,
  apiErrorMessage,
  apiErrorReasons,
  NETWORK_ERROR_MESSAGE,
  UserFacingError,
} from './lib/api-error';
export { FileDownload } from './lib/file-download';
