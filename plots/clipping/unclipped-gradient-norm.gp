# unclipped-gradient-norm.gp — written by GradientLab. Edit and re-render with: gnuplot unclipped-gradient-norm.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'unclipped-gradient-norm.png'
set title 'No clipping: gradient norm per step'
set xlabel 'SGD step'
set ylabel 'norm'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 5.0, graph 0 to 5.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'first spike, step 5' at 5.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
set arrow 2 from 48.0, graph 0 to 48.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 2 'non-finite at step 48' at 48.0, graph 0.8899999999999999 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'unclipped-gradient-norm.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title '‖g‖ (all parameters)', \
     'unclipped-gradient-norm.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title '‖∂L/∂W_{rec}‖', \
     'unclipped-gradient-norm.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title '‖∂L/∂readout‖', \
     'unclipped-gradient-norm.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' title 'σ₁(W_{rec}) after the step'
