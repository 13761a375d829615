import path from 'node:path';
import * as electron from 'electron';
import { startElectronApp } from './start-electron-app';

// Bundled to out/main/main.cjs; the outputs of the other bundles sit beside it in out/.
startElectronApp(electron, { outDir: path.join(__dirname, '..') });
