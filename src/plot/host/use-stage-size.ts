/** The plot host's size in CSS px, kept up to date as its box changes. */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** Stage width and height in CSS px (whole px, at least 100), or null before the first measure. */
export function useStageSize(
  host: RefObject<HTMLElement | null>,
): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const measure = () => {
      const box = el.getBoundingClientRect();
      const width = Math.max(100, Math.floor(box.width));
      const height = Math.max(100, Math.floor(box.height));
      setSize((old) =>
        old && old.width === width && old.height === height ? old : { width, height },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [host]);
  return size;
}
