# update-to-data-ratio.gp — written by GradientLab. Edit and re-render with: gnuplot update-to-data-ratio.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'update-to-data-ratio.png'
set title 'Update-to-data ratio std(Δw)/std(w) per layer'
set xlabel 'SGD step'
set ylabel 'std(Δw) / std(w)'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'update-to-data-ratio.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'hidden layer 1', \
     'update-to-data-ratio.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'hidden layer 26', \
     'update-to-data-ratio.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'hidden layer 50', \
     'update-to-data-ratio.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'readout', \
     'update-to-data-ratio.dat' index 4 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#17becf' title '1e-3', \
     'update-to-data-ratio.dat' index 5 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#d62728' title 'σ_w² = 3, its one update (median layer)'
