# lr-sweep.gp — written by GradientLab. Edit and re-render with: gnuplot lr-sweep.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'lr-sweep.png'
set title 'Final loss against learning rate (10 layers)'
set xlabel 'learning rate'
set ylabel 'final loss (mean of last 10 steps)'
set grid
set key outside right top
set logscale x
set logscale y; set format y '10^{%L}'
set y2range [0:1]  # the top edge, for runs that went non-finite
plot 'lr-sweep.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'plain', \
     'lr-sweep.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'with BN', \
     'lr-sweep.dat' index 2 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#17becf' title 'trained below this', \
     'lr-sweep.dat' index 3 using 1:2 axes x1y2 with points pointtype 8 pointsize 1.8 linewidth 2 linecolor rgb '#1f77b4' title 'plain: non-finite'
