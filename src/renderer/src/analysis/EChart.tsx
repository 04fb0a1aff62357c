import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

// Only what the four charts draw: tree-shaken ECharts.
echarts.use([
  BarChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export interface EChartHandle {
  /** The chart as drawn, as a PNG (twice the screen resolution) on `background`. */
  toPng(background: string): Promise<Blob>;
  /** The same option drawn by the SVG renderer, as a standalone SVG document. */
  toSvg(background: string): string;
}

interface Props {
  option: echarts.EChartsCoreOption;
  height: number;
  /** Names the picture for assistive technology; the data table says the rest. */
  label: string;
}

/** One ECharts canvas that follows its option and its width. */
export const EChart = forwardRef<EChartHandle, Props>(function EChart({ option, height, label }, ref) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const chart = echarts.init(hostRef.current!, null, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(hostRef.current!);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a series or category that went away must not linger.
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    chartRef.current?.resize();
  }, [height]);

  useImperativeHandle(ref, () => ({
    async toPng(background) {
      const url = chartRef.current!.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
      // Decoded here: the CSP's connect-src would refuse fetch() of a data: URL.
      const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
      return new Blob([bytes], { type: 'image/png' });
    },
    toSvg(background) {
      const width = hostRef.current?.clientWidth || 800;
      // Server-side rendering mode draws without a DOM: nothing to clean up but the instance.
      const svg = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
      try {
        svg.setOption({ ...option, animation: false, backgroundColor: background });
        return svg.renderToSVGString();
      } finally {
        svg.dispose();
      }
    },
  }));

  return <div ref={hostRef} role="img" aria-label={label} className="echart" style={{ height }} />;
});
