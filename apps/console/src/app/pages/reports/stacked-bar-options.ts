import type { ChartOptions } from 'chart.js';

type TooltipCallbacks = NonNullable<
  NonNullable<
    NonNullable<ChartOptions<'bar'>['plugins']>['tooltip']
  >['callbacks']
>;

/** A stacked bar chart of counts (件数): legend below, one tooltip for all stacks of a bar. */
export function stackedBarOptions(
  callbacks: TooltipCallbacks,
): ChartOptions<'bar'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { position: 'bottom' },
      tooltip: { mode: 'index', callbacks },
    },
    scales: {
      x: { stacked: true },
      y: {
        stacked: true,
        beginAtZero: true,
        ticks: { precision: 0 },
        title: { display: true, text: '件数' },
      },
    },
  };
}
