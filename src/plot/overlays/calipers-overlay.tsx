/** Calipers: two draggable ends, the reading (ms and bpm, or mV) and a delete box, in record units. */
import { Fragment } from 'react';
import { Group, Line, Rect, Text } from 'react-konva';
import {
  AMPLITUDE_TICK_HALF_PX,
  CALIPER_LABEL_FONT_PX,
  caliperGeometry,
  caliperLabelBox,
  readCaliper,
  type Caliper,
  type CaliperGeometry,
} from '../calipers';
import type { PlotLayout } from '../layout';
import { measureTextPx } from '../text-measure';
import { OVERLAY } from '../theme';

/** Konva font family of caliper labels (measured with the same font). */
export const CALIPER_LABEL_FONT_FAMILY = 'Arial';
/** CSS font of caliper labels, for measuring them. */
export const CALIPER_LABEL_FONT = `bold ${CALIPER_LABEL_FONT_PX}px ${CALIPER_LABEL_FONT_FAMILY}`;
/** Length of the grips at a time caliper's ends (world px) and their width (screen px). */
const GRIP_LENGTH_PX = 12;
const GRIP_WIDTH_PX = 5;

function Grips({ c, g, stroke }: { c: Caliper; g: CaliperGeometry; stroke: string }) {
  const common = {
    stroke,
    strokeWidth: GRIP_WIDTH_PX,
    strokeScaleEnabled: false,
    lineCap: 'round',
    listening: false,
  } as const;
  if (c.kind === 'time')
    return (
      <>
        {[g.x1, g.x2].map((x, i) => (
          <Fragment key={i}>
            <Line points={[x, g.top, x, g.top + GRIP_LENGTH_PX]} {...common} />
            <Line points={[x, g.bottom - GRIP_LENGTH_PX, x, g.bottom]} {...common} />
          </Fragment>
        ))}
      </>
    );
  return (
    <>
      {[g.y1, g.y2].map((y, i) => (
        <Line key={i} points={[g.x1 + 3, y, g.x1 + AMPLITUDE_TICK_HALF_PX, y]} {...common} />
      ))}
    </>
  );
}

/**
 * Draws calipers in world px; a draft (being placed) is dashed; placed ones have grips at both
 * ends (drag them to re-measure) and a delete box; the selected one is blue and heavier.
 */
export function CalipersOverlay({
  layout,
  calipers,
  draft,
  selectedId,
}: {
  layout: PlotLayout;
  calipers: readonly Caliper[];
  draft: Caliper | null;
  selectedId: string | null;
}) {
  const all = draft ? [...calipers, draft] : calipers;
  return (
    <>
      {all.map((c) => {
        const cell = layout.cells.find((x) => x.id === c.cellId);
        if (!cell) return null;
        const isDraft = c === draft;
        const selected = !isDraft && c.id === selectedId;
        const stroke = selected ? OVERLAY.selected : OVERLAY.caliper;
        const g = caliperGeometry(layout, cell, c);
        const reading = readCaliper(c);
        const box = caliperLabelBox(g, c, cell, measureTextPx(reading.text, CALIPER_LABEL_FONT));
        const common = {
          stroke,
          strokeWidth: selected ? 3 : 2,
          strokeScaleEnabled: false,
          dash: isDraft ? [5, 3] : undefined,
          listening: false,
        } as const;
        return (
          <Group key={c.id} listening={false}>
            {c.kind === 'time' ? (
              <>
                <Line points={[g.x1, g.top, g.x1, g.bottom]} {...common} />
                <Line points={[g.x2, g.top, g.x2, g.bottom]} {...common} />
                <Line points={[g.x1, g.y1, g.x2, g.y1]} {...common} />
              </>
            ) : (
              <>
                <Line
                  points={[
                    g.x1 - AMPLITUDE_TICK_HALF_PX,
                    g.y1,
                    g.x1 + AMPLITUDE_TICK_HALF_PX,
                    g.y1,
                  ]}
                  {...common}
                />
                <Line
                  points={[
                    g.x1 - AMPLITUDE_TICK_HALF_PX,
                    g.y2,
                    g.x1 + AMPLITUDE_TICK_HALF_PX,
                    g.y2,
                  ]}
                  {...common}
                />
                <Line points={[g.x1, g.y1, g.x1, g.y2]} {...common} />
              </>
            )}
            {!isDraft && <Grips c={c} g={g} stroke={stroke} />}
            <Rect
              x={box.x}
              y={box.y}
              width={box.width}
              height={box.height}
              fill="#ffffff"
              stroke={stroke}
              strokeWidth={selected ? 2 : 1}
              cornerRadius={3}
              opacity={0.95}
              listening={false}
            />
            <Text
              x={box.x + box.padding}
              y={box.y + box.padding}
              text={reading.text}
              fontSize={CALIPER_LABEL_FONT_PX}
              fontFamily={CALIPER_LABEL_FONT_FAMILY}
              fontStyle="bold"
              fill="#111111"
              listening={false}
            />
            {!isDraft && (
              <>
                <Rect
                  x={box.deleteBox.x}
                  y={box.deleteBox.y}
                  width={box.deleteBox.width}
                  height={box.deleteBox.height}
                  fill="#ffffff"
                  stroke={stroke}
                  strokeWidth={1}
                  cornerRadius={3}
                  opacity={0.95}
                  listening={false}
                />
                <Text
                  x={box.deleteBox.x}
                  y={box.deleteBox.y + box.padding}
                  width={box.deleteBox.width}
                  align="center"
                  text="×"
                  fontSize={CALIPER_LABEL_FONT_PX}
                  fontFamily={CALIPER_LABEL_FONT_FAMILY}
                  fontStyle="bold"
                  fill="#111111"
                  listening={false}
                />
              </>
            )}
          </Group>
        );
      })}
    </>
  );
}
