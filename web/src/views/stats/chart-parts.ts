import type { ChartOption } from './echarts-setup';
import { CHART_COLORS } from './echarts-setup';

type MarkLine = NonNullable<Extract<NonNullable<ChartOption['series']>, unknown[]>[number]['markLine']>;

/** The campaign's goal: 100 % (师生宣传覆盖面和知晓率达到 100%). */
export function goalLine(axis: 'x' | 'y' = 'y'): MarkLine {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: CHART_COLORS.goal, type: 'dashed', width: 1.5 },
    label: {
      formatter: '目标 100%',
      position: axis === 'y' ? 'insideEndTop' : 'insideEndBottom',
      color: CHART_COLORS.goal,
    },
    data: [axis === 'y' ? { yAxis: 100 } : { xAxis: 100 }],
  };
}

export function percentAxis() {
  return { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
}
