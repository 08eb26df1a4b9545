export {
  apiError,
  apiErrorMessage,
  NETWORK_ERROR_MESSAGE,
} from '@certdesk/web';
