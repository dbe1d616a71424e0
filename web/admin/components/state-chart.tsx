import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface StateChartProps {
  data: { name: string; value: number }[];
  height?: number;
}

/** Small doughnut chart (ECharts, tree-shaken core build); loaded lazily by the workbench. */
export function StateChart({ data, height = 180 }: StateChartProps) {
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
        color: ['#1677ff', '#13c2c2', '#faad14', '#eb2f96', '#52c41a', '#722ed1', '#fa541c', '#2f54eb'],
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { orient: 'vertical', right: 0, top: 'middle', type: 'scroll', textStyle: { fontSize: 12 } },
        series: [
          {
            type: 'pie',
            radius: ['45%', '72%'],
            center: ['32%', '50%'],
            avoidLabelOverlap: true,
            label: { show: false },
            data,
          },
        ],
      },
      true,
    );
  }, [data]);

  return <div ref={ref} style={{ width: '100%', height }} />;
}
