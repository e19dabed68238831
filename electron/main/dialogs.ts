import { BrowserWindow, dialog } from 'electron';
import type { HandlerRegistry } from '../services/rpc/HandlerRegistry';

const titles = {
  create: 'Choose an empty folder for the new project',
  open: 'Open a project folder',
  import: 'Choose a folder of images to import',
  csv: 'Choose a CSV of labels (path,label)',
  model: 'Choose a model file (.onnx or TF.js model.json)',
  export: 'Choose a new or empty folder for the exported model',
} as const;

const fileFilters: Partial<Record<keyof typeof titles, Electron.FileFilter[]>> = {
  csv: [{ name: 'CSV', extensions: ['csv', 'txt'] }],
  model: [{ name: 'Models', extensions: ['onnx', 'json'] }],
};

/** Native folder and file pickers: the one request only Electron can answer. */
export function registerDialogHandlers(registry: HandlerRegistry): void {
  registry.handle('project:choose-folder', async ({ purpose }) => {
    const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const options: Electron.OpenDialogOptions = {
      title: titles[purpose],
      properties: fileFilters[purpose] ? ['openFile'] : ['openDirectory', 'createDirectory'],
      filters: fileFilters[purpose],
    };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
  });
}
