# remedies-loss.gp — written by GradientLab. Edit and re-render with: gnuplot remedies-loss.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'remedies-loss.png'
set title 'Training loss of the warm-up to η = 0.4, with each remedy'
set xlabel 'SGD step'
set ylabel 'mini-batch loss'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 57.0, graph 0 to 57.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'no remedy: explodes at step 57' at 57.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
set arrow 2 from 72.0, graph 0 to 72.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 2 'one-pixel shifts (5× the digits): explodes at step 72' at 72.0, graph 0.8899999999999999 left offset 0.5,0 textcolor rgb '#444444' noenhanced
set arrow 3 from 61.0, graph 0 to 61.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 3 'weight decay λ = 0.001: explodes at step 61' at 61.0, graph 0.83 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'remedies-loss.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'no remedy', \
     'remedies-loss.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'one-pixel shifts (5× the digits)', \
     'remedies-loss.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'weight decay λ = 0.001', \
     'remedies-loss.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'dropout p = 0.2'
