import { use, type ComposeOption } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the statistics pages draw (bars, lines, the 100 % goal line) is registered, so the
// dashboard's chunk carries a fraction of ECharts.
use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** The platform's palette for the three rates the pages compare. */
export const CHART_COLORS = {
  awareness: '#1f4e9c',
  coverage: '#3a9a6b',
  participation: '#e0a43a',
  goal: '#d9534f',
} as const;

export { default as VChart } from 'vue-echarts';
