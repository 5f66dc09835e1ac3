// The designer's only script, loaded as a module by CanvasInterop.

const handledWithCtrl = new Set(['z', 'y', 'c', 'v', 'x', 'a', 's']);
const handledAlone = new Set(['delete', 'backspace', 'arrowup', 'arrowdown', 'arrowleft', 'arrowright', '+', '-', '=', '0']);

// Keeps the browser from acting on the canvas's shortcuts (scrolling, selecting the page's text) while the canvas itself
// has the focus; Tab and keys typed into fields keep their normal meaning.
export function trapKeys(element) {
    const handler = e => {
        if (e.target !== element) {
            return;
        }
        const key = e.key.toLowerCase();
        if ((e.ctrlKey || e.metaKey) ? handledWithCtrl.has(key) : handledAlone.has(key)) {
            e.preventDefault();
        }
    };
    element.addEventListener('keydown', handler);
    element.butlerKeys = handler;
}

export function releaseKeys(element) {
    if (element && element.butlerKeys) {
        element.removeEventListener('keydown', element.butlerKeys);
        delete element.butlerKeys;
    }
}

// Saves text as a file the browser downloads.
export function download(fileName, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
