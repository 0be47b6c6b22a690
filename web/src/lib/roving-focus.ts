/**
 * Keyboard movement inside a composite widget with a roving tabindex (the WAI-ARIA APG radio
 * group): which item a key moves to. Down/Right go to the next item and Up/Left to the previous,
 * wrapping at either end; Home and End go to the first and last. Other keys are not movement.
 */
export function movedIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  const from = current < 0 || current >= count ? -1 : current;
  switch (key) {
    case "ArrowDown":
    case "ArrowRight":
      return (from + 1) % count;
    case "ArrowUp":
    case "ArrowLeft":
      return from <= 0 ? count - 1 : from - 1;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

/** The one item in the tab order: the selected one when it is listed, else the first. */
export function tabStopIndex(selected: number, count: number): number {
  if (count === 0) return -1;
  return selected >= 0 && selected < count ? selected : 0;
}
