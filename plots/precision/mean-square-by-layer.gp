# mean-square-by-layer.gp — written by GradientLab. Edit and re-render with: gnuplot mean-square-by-layer.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'mean-square-by-layer.png'
set title 'The mean square of the pre-activations by layer, against each format''s largest number'
set xlabel 'layer l'
set ylabel 'E[h_l²]'
set grid
set key outside right top
set logscale x
set logscale y; set format y '10^{%L}'
set arrow 1 from 5.0, graph 0 to 5.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'N(0, 1): Float16 ∞ at layer 5' at 5.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
set arrow 2 from 50.0, graph 0 to 50.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 2 'σ_w² = 3: Float16 ∞ at layer 50' at 50.0, graph 0.8899999999999999 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'mean-square-by-layer.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'N(0, 1) weights', \
     'mean-square-by-layer.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'σ_w² = 3', \
     'mean-square-by-layer.dat' index 2 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 'Float32 max', \
     'mean-square-by-layer.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' title 'Float16 max', \
     'mean-square-by-layer.dat' index 4 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' title 'BFloat16 max'
