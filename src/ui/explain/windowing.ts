/**
 * Which rows of a long list to draw: only those in (or near) the viewport, at a fixed row height, in a
 * scroll container as tall as the whole list. Browsers cap an element's height (about 33 million pixels
 * in Chromium, 17 million in Firefox), so past MAX_CONTENT_PX the scroll position maps proportionally
 * onto the rows instead of one pixel per pixel.
 */

export const MAX_CONTENT_PX = 8_000_000;

export interface Viewport {
  scrollTop: number;
  height: number;
  rowHeight: number;
  count: number;
}

export interface RowWindow {
  /** First row to draw. */
  first: number;
  /** One past the last row to draw. */
  end: number;
  /** Where the first drawn row's top goes, in the scroll container's content. */
  top: number;
}

export function contentHeight(count: number, rowHeight: number): number {
  return Math.min(count * rowHeight, MAX_CONTENT_PX);
}

function rowsPerView(view: Viewport): number {
  return Math.max(1, Math.ceil(view.height / view.rowHeight));
}

/** For a list too tall to scroll pixel by pixel: the (fractional) row at the top of the viewport. */
function scaledTopRow(view: Viewport): number {
  const maxScroll = contentHeight(view.count, view.rowHeight) - view.height;
  const fraction = maxScroll > 0 ? Math.min(1, Math.max(0, view.scrollTop / maxScroll)) : 0;
  return fraction * Math.max(0, view.count - rowsPerView(view));
}

export function rowWindow(view: Viewport, overscan = 8): RowWindow {
  const { scrollTop, rowHeight, count } = view;
  if (count === 0) return { first: 0, end: 0, top: 0 };
  const scaled = count * rowHeight > MAX_CONTENT_PX;
  const exactTop = scaled ? scaledTopRow(view) : Math.max(0, scrollTop) / rowHeight;
  const topRow = Math.min(Math.floor(exactTop), count - 1);
  const first = Math.max(0, topRow - overscan);
  const end = Math.min(count, topRow + rowsPerView(view) + 1 + overscan);
  // Unscaled, a row sits at index * rowHeight; scaled, the rows are placed around the viewport.
  const top = scaled ? scrollTop - (exactTop - first) * rowHeight : first * rowHeight;
  return { first, end, top };
}

/**
 * The scroll position that brings a row fully into view, or null when it already is. A row out of view
 * is centred, so that the rows around it show too.
 */
export function scrollTopToShow(row: number, view: Viewport): number | null {
  const { scrollTop, height, rowHeight, count } = view;
  if (count * rowHeight > MAX_CONTENT_PX) {
    const exactTop = scaledTopRow(view);
    if (row >= exactTop && row + 1 <= exactTop + height / rowHeight) return null;
    const maxScroll = contentHeight(count, rowHeight) - height;
    const wantedTop = Math.max(0, row - rowsPerView(view) / 2);
    const span = Math.max(1, count - rowsPerView(view));
    return Math.min(maxScroll, Math.max(0, (wantedTop / span) * maxScroll));
  }
  const rowTop = row * rowHeight;
  if (rowTop >= scrollTop && rowTop + rowHeight <= scrollTop + height) return null;
  return Math.max(0, Math.min(count * rowHeight - height, rowTop - (height - rowHeight) / 2));
}
