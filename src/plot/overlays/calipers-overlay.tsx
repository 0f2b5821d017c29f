/** Calipers: two marks and the reading (ms and bpm, or mV), kept on the plot in record units. */
import { Fragment } from 'react';
import { Label, Line, Tag, Text } from 'react-konva';
import { readCaliper, type Caliper } from '../calipers';
import { cellMvToY, cellTimeToX, type PlotLayout } from '../layout';
import { OVERLAY } from '../theme';

/** Draws calipers in world px; a draft (being dragged) is drawn dashed. */
export function CalipersOverlay({
  layout,
  calipers,
  draft,
}: {
  layout: PlotLayout;
  calipers: readonly Caliper[];
  draft: Caliper | null;
}) {
  const all = draft ? [...calipers, draft] : calipers;
  return (
    <>
      {all.map((c) => {
        const cell = layout.cells.find((x) => x.id === c.cellId);
        if (!cell) return null;
        const isDraft = c === draft;
        const x1 = cellTimeToX(layout, cell, c.t1S);
        const x2 = cellTimeToX(layout, cell, c.t2S);
        const y1 = cellMvToY(layout, cell, c.mv1);
        const y2 = cellMvToY(layout, cell, c.mv2);
        const reading = readCaliper(c);
        const common = {
          stroke: OVERLAY.caliper,
          strokeWidth: 2,
          strokeScaleEnabled: false,
          dash: isDraft ? [5, 3] : undefined,
          listening: false,
        } as const;
        const top = cell.rect.y;
        const bottom = cell.rect.y + cell.rect.height;
        const midY = (y1 + y2) / 2;
        return (
          <Fragment key={c.id}>
            {c.kind === 'time' ? (
              <>
                <Line points={[x1, top, x1, bottom]} {...common} />
                <Line points={[x2, top, x2, bottom]} {...common} />
                <Line points={[x1, y1, x2, y1]} {...common} />
              </>
            ) : (
              <>
                <Line points={[x1 - 8, y1, x1 + 8, y1]} {...common} />
                <Line points={[x1 - 8, y2, x1 + 8, y2]} {...common} />
                <Line points={[x1, y1, x1, y2]} {...common} />
              </>
            )}
            <Label
              x={c.kind === 'time' ? Math.min(x1, x2) : x1 + 10}
              y={c.kind === 'time' ? y1 - 20 : midY - 9}
              listening={false}
            >
              <Tag
                fill="#ffffff"
                stroke={OVERLAY.caliper}
                strokeWidth={1}
                cornerRadius={3}
                opacity={0.95}
              />
              <Text text={reading.text} fontSize={13} padding={3} fill="#111111" fontStyle="bold" />
            </Label>
          </Fragment>
        );
      })}
    </>
  );
}
