# underflow-by-scale.gp — written by GradientLab. Edit and re-render with: gnuplot underflow-by-scale.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'underflow-by-scale.png'
set title 'Gradient entries flushed to zero in Float16, by layer, against the loss scale'
set xlabel 'loss scale S'
set ylabel 'share of nonzero entries stored as 0'
set grid
set key outside right top
set logscale x
plot 'underflow-by-scale.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'layer 1', \
     'underflow-by-scale.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'underflow-by-scale.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'layer 2', \
     'underflow-by-scale.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' notitle, \
     'underflow-by-scale.dat' index 4 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#2ca02c' title 'layer 3', \
     'underflow-by-scale.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' notitle, \
     'underflow-by-scale.dat' index 6 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#ff7f0e' title 'layer 4', \
     'underflow-by-scale.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' notitle, \
     'underflow-by-scale.dat' index 8 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#9467bd' title 'layer 5', \
     'underflow-by-scale.dat' index 9 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' notitle, \
     'underflow-by-scale.dat' index 10 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#8c564b' title 'layer 6', \
     'underflow-by-scale.dat' index 11 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#8c564b' notitle, \
     'underflow-by-scale.dat' index 12 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#e377c2' title 'layer 7', \
     'underflow-by-scale.dat' index 13 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#e377c2' notitle
