/**
 * Lets the host's event loop run (a worker must receive "stop, there is a newer edit" messages between
 * chunks) without the ~4 ms clamp browsers put on nested `setTimeout(0)`: pausing a hundred times in a
 * large file would otherwise add close to half a second.
 */
type Resolve = () => void;

let channel: MessageChannel | null = null;
const waiting: Resolve[] = [];

function viaMessageChannel(resolve: Resolve): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  waiting.push(resolve);
  channel.port2.postMessage(null);
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    const host = globalThis as { setImmediate?: (callback: () => void) => unknown };
    if (typeof host.setImmediate === 'function') host.setImmediate(resolve); // Node
    else if (typeof MessageChannel === 'function') viaMessageChannel(resolve); // browsers and workers
    else setTimeout(resolve, 0);
  });
}
