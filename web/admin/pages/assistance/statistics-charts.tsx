import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#1677ff', '#13c2c2', '#faad14', '#eb2f96', '#52c41a', '#722ed1', '#fa541c', '#2f54eb'];

export interface SeriesSpec {
  name: string;
  values: number[];
  /** Draw on the right-hand axis (e.g. persons beside yuan). */
  rightAxis?: boolean;
}

export type StatisticsChartProps =
  | {
      kind: 'line' | 'bar';
      categories: string[];
      series: SeriesSpec[];
      horizontal?: boolean;
      height?: number;
      testId?: string;
    }
  | { kind: 'pie'; data: { name: string; value: number }[]; height?: number; testId?: string };

function optionOf(props: StatisticsChartProps): echarts.EChartsCoreOption {
  if (props.kind === 'pie') {
    return {
      color: COLORS,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { orient: 'vertical', right: 0, top: 'middle', type: 'scroll' },
      series: [
        { type: 'pie', radius: ['40%', '70%'], center: ['35%', '50%'], label: { show: false }, data: props.data },
      ],
    };
  }
  const twoAxes = props.series.some((s) => s.rightAxis);
  const category = { type: 'category', data: props.categories, axisLabel: { interval: 0, hideOverlap: true } };
  const value = (position: 'left' | 'right') => ({ type: 'value', position, splitLine: { show: position === 'left' } });
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: props.horizontal ? value('left') : category,
    yAxis: props.horizontal ? category : twoAxes ? [value('left'), value('right')] : value('left'),
    series: props.series.map((s) => ({
      name: s.name,
      type: props.kind,
      data: s.values,
      smooth: props.kind === 'line',
      yAxisIndex: !props.horizontal && s.rightAxis ? 1 : 0,
      barMaxWidth: 32,
    })),
  };
}

/** One ECharts chart (tree-shaken core build: line, bar, pie); the statistics page loads this module on demand. */
export function StatisticsChart(props: StatisticsChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(optionOf(props), true);
  }, [props]);

  return <div ref={ref} data-testid={props.testId} style={{ width: '100%', height: props.height ?? 280 }} />;
}
