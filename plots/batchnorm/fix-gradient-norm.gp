# fix-gradient-norm.gp — written by GradientLab. Edit and re-render with: gnuplot fix-gradient-norm.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'fix-gradient-norm.png'
set title 'Global gradient norm'
set xlabel 'SGD step'
set ylabel '‖g‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 2.0, graph 0 to 2.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'plain: non-finite at step 2' at 2.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'fix-gradient-norm.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'plain', \
     'fix-gradient-norm.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'with batch norm'
