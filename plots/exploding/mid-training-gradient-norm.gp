# mid-training-gradient-norm.gp — written by GradientLab. Edit and re-render with: gnuplot mid-training-gradient-norm.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'mid-training-gradient-norm.png'
set title 'Global gradient norm'
set xlabel 'SGD step'
set ylabel '‖g‖ (all parameters)'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 57.0, graph 0 to 57.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'warm-up to η = 0.4: explodes at step 57' at 57.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
set arrow 2 from 54.0, graph 0 to 54.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 2 'batch norm: explodes at step 54' at 54.0, graph 0.8899999999999999 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'mid-training-gradient-norm.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'warm-up to η = 0.4', \
     'mid-training-gradient-norm.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'peak η = 0.1', \
     'mid-training-gradient-norm.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'clipped at ‖g‖ = 2', \
     'mid-training-gradient-norm.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'batch norm'
