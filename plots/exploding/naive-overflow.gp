# naive-overflow.gp — written by GradientLab. Edit and re-render with: gnuplot naive-overflow.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'naive-overflow.png'
set title 'Naive N(0,1) weights: mean square of pre-activations by layer'
set xlabel 'hidden layer l'
set ylabel 'E[h_l^2]'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 37.0, graph 0 to 37.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'first non-finite value (layer 37)' at 37.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'naive-overflow.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'measured', \
     'naive-overflow.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 'theory', \
     'naive-overflow.dat' index 2 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'Float32 max 3.4e38'
