import { angularApp } from '../../tools/eslint/angular-app.mjs';

export default angularApp('cd');
