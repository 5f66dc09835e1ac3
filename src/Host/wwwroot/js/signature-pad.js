// The profile page's signature pad: draw with a mouse, a pen or a finger; the page reads the drawing back as a PNG.
const pads = new WeakMap();

export function attach(canvas) {
    if (!canvas || pads.has(canvas)) {
        return;
    }
    const context = canvas.getContext("2d");
    const state = { drawing: false, empty: true, last: null };
    const point = (e) => {
        const box = canvas.getBoundingClientRect();
        return { x: (e.clientX - box.left) * canvas.width / box.width, y: (e.clientY - box.top) * canvas.height / box.height };
    };
    const down = (e) => {
        e.preventDefault();
        canvas.setPointerCapture(e.pointerId);
        state.drawing = true;
        state.last = point(e);
    };
    const move = (e) => {
        if (!state.drawing) {
            return;
        }
        e.preventDefault();
        const next = point(e);
        context.strokeStyle = "#111";
        context.lineWidth = 3;
        context.lineCap = "round";
        context.lineJoin = "round";
        context.beginPath();
        context.moveTo(state.last.x, state.last.y);
        context.lineTo(next.x, next.y);
        context.stroke();
        state.last = next;
        state.empty = false;
    };
    const up = () => {
        state.drawing = false;
    };
    canvas.addEventListener("pointerdown", down);
    canvas.addEventListener("pointermove", move);
    canvas.addEventListener("pointerup", up);
    canvas.addEventListener("pointercancel", up);
    pads.set(canvas, { state, context, handlers: { down, move, up } });
}

export function clear(canvas) {
    const pad = pads.get(canvas);
    if (pad) {
        pad.context.clearRect(0, 0, canvas.width, canvas.height);
        pad.state.empty = true;
    }
}

// The drawing as base64 PNG bytes, or null when nothing was drawn.
export function toPng(canvas) {
    const pad = pads.get(canvas);
    if (!pad || pad.state.empty) {
        return null;
    }
    return canvas.toDataURL("image/png").split(",")[1];
}

export function detach(canvas) {
    const pad = pads.get(canvas);
    if (!pad) {
        return;
    }
    canvas.removeEventListener("pointerdown", pad.handlers.down);
    canvas.removeEventListener("pointermove", pad.handlers.move);
    canvas.removeEventListener("pointerup", pad.handlers.up);
    canvas.removeEventListener("pointercancel", pad.handlers.up);
    pads.delete(canvas);
}
