# depth-limit.gp — written by GradientLab. Edit and re-render with: gnuplot depth-limit.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'depth-limit.png'
set title 'Test accuracy after 300 steps against depth'
set xlabel 'depth'
set ylabel 'test accuracy'
set grid
set key outside right top
plot 'depth-limit.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'plain BN', \
     'depth-limit.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'residual BN', \
     'depth-limit.dat' index 2 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#17becf' title 'chance'
