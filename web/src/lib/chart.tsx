// The one adapter for ECharts: a line chart of series against x values.
import { useEffect, useRef } from 'preact/hooks';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { euro } from './format';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface Series {
  name: string;
  values: number[];
}

interface Props {
  title: string; // read by screen readers (aria-label); the table next to the chart has the figures
  xName: string;
  x: (string | number)[];
  series: Series[];
  money?: boolean; // values are cents
  testId?: string;
}

const COLORS = ['#0b5394', '#b45f06', '#38761d', '#741b47'];

export function LineChartView({ title, xName, x, series, money, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const fmt = (v: number) => (money ? euro(Math.round(v)) : String(v));
    chart.setOption({
      aria: { enabled: true, label: { description: title } },
      animation: false,
      color: COLORS,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(Number(v)) },
      legend: { top: 0, textStyle: { color: '#1a1a1a', fontSize: 14 } },
      grid: { left: 90, right: 24, top: 48, bottom: 48 },
      xAxis: {
        type: 'category',
        name: xName,
        nameLocation: 'middle',
        nameGap: 30,
        data: x,
        axisLabel: { color: '#1a1a1a' },
        nameTextStyle: { color: '#1a1a1a' },
      },
      yAxis: {
        type: 'value',
        axisLabel: { color: '#1a1a1a', formatter: (v: number) => (money ? euro(Math.round(v)).replace(/,\d\d$/, '') : String(v)) },
      },
      series: series.map((s, i) => ({
        name: s.name,
        type: 'line',
        data: s.values,
        symbol: ['circle', 'rect', 'triangle', 'diamond'][i % 4],
        symbolSize: 7,
        lineStyle: { width: 3, type: i % 2 === 1 ? 'dashed' : 'solid' },
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [title, xName, JSON.stringify(x), JSON.stringify(series), money]);
  return <div ref={ref} class="chart" role="img" aria-label={title} data-testid={testId} />;
}
