import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/ipc/api';
import { createIpcRendererTransport } from './preload-transport';

// The only thing page code can reach: the frozen contract API (checklist #20, no Electron APIs).
contextBridge.exposeInMainWorld('easApi', buildApi(createIpcRendererTransport(ipcRenderer)));
