/**
 * Coalesces updates to one per animation frame: a streaming run can deliver many batches of findings
 * per frame, and markers and the list only need the last state before the browser paints.
 */
export function onNextFrame(render: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      render();
    });
  };
}
