# eval-mode.gp — written by GradientLab. Edit and re-render with: gnuplot eval-mode.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'eval-mode.png'
set title 'Test accuracy against the test batch size'
set xlabel 'test batch size'
set ylabel 'test accuracy'
set grid
set key outside right top
set logscale x
plot 'eval-mode.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'eval mode', \
     'eval-mode.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'train mode (the bug)'
