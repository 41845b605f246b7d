# threshold-sweep.gp — written by GradientLab. Edit and re-render with: gnuplot threshold-sweep.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'threshold-sweep.png'
set title 'Norm clipping at η = 0.2: test loss'
set xlabel 'SGD step'
set ylabel 'test ½-squared error'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'threshold-sweep.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'τ = 0.5·ḡ', \
     'threshold-sweep.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'τ = 1·ḡ', \
     'threshold-sweep.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'τ = 2·ḡ', \
     'threshold-sweep.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'τ = 5·ḡ', \
     'threshold-sweep.dat' index 4 using 1:2 with lines linewidth 2 linecolor rgb '#9467bd' title 'τ = 10·ḡ', \
     'threshold-sweep.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#8c564b' title 'predicting the mean (1/12)'
