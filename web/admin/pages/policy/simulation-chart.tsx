import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface SimulationChartProps {
  townships: string[];
  deltaYuan: number[];
  gained: number[];
  lost: number[];
  labels: { delta: string; gained: string; lost: string };
  height?: number;
}

/** Monthly budget change (bars, yuan) and households gained/lost (bars on a second axis) by township. */
export function SimulationChart({ townships, deltaYuan, gained, lost, labels, height = 320 }: SimulationChartProps) {
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
    chart.current?.setOption(
      {
        color: ['#1677ff', '#52c41a', '#fa541c'],
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 64, right: 48, top: 36, bottom: 64 },
        xAxis: { type: 'category', data: townships, axisLabel: { interval: 0, rotate: townships.length > 6 ? 30 : 0 } },
        yAxis: [
          { type: 'value', name: labels.delta },
          { type: 'value', minInterval: 1, splitLine: { show: false } },
        ],
        series: [
          { name: labels.delta, type: 'bar', data: deltaYuan, barMaxWidth: 36 },
          { name: labels.gained, type: 'bar', yAxisIndex: 1, data: gained, barMaxWidth: 18 },
          { name: labels.lost, type: 'bar', yAxisIndex: 1, data: lost, barMaxWidth: 18 },
        ],
      },
      true,
    );
  }, [townships, deltaYuan, gained, lost, labels]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid="simulation-chart" />;
}
