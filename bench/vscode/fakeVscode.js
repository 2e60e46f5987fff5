// The few VS Code APIs Auto Agent's activate() touches, as no-ops: the Node activation benchmark loads the real
// bundle against this, so it measures our own load and activate cost, not VS Code's.
const disposable = { dispose() {} };
module.exports = {
  commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
  window: { registerWebviewViewProvider: () => disposable, registerWebviewPanelSerializer: () => disposable },
};
