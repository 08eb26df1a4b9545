/** The console reads API errors with the shared browser helpers (libs/web). */
export {
  apiError,
  apiErrorMessage,
  apiErrorReasons,
  NETWORK_ERROR_MESSAGE,
} from '@certdesk/web';
