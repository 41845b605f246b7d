# activation-histograms.gp — written by GradientLab. Edit and re-render with: gnuplot activation-histograms.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'activation-histograms.png'
set title '|h| per hidden layer at step 0 (non-zero activations)'
set xlabel 'log10 |h|'
set ylabel 'share of the layer''s non-zero units'
set grid
set key outside right top
plot 'activation-histograms.dat' index 0 using 1:2 with steps linewidth 2 linecolor rgb '#1f77b4' title 'σ_w² = 3, layer 1 (54.8% zero)', \
     'activation-histograms.dat' index 1 using 1:2 with steps linewidth 2 linecolor rgb '#d62728' title 'σ_w² = 3, layer 12 (44.0% zero)', \
     'activation-histograms.dat' index 2 using 1:2 with steps linewidth 2 linecolor rgb '#2ca02c' title 'σ_w² = 3, layer 25 (48.9% zero)', \
     'activation-histograms.dat' index 3 using 1:2 with steps linewidth 2 linecolor rgb '#ff7f0e' title 'σ_w² = 3, layer 37 (46.9% zero)', \
     'activation-histograms.dat' index 4 using 1:2 with steps linewidth 2 linecolor rgb '#9467bd' title 'σ_w² = 3, layer 50 (53.0% zero)', \
     'activation-histograms.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 'he, layer 1 (54.8% zero)', \
     'activation-histograms.dat' index 6 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'he, layer 12 (44.0% zero)', \
     'activation-histograms.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 'he, layer 25 (48.9% zero)', \
     'activation-histograms.dat' index 8 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' title 'he, layer 37 (46.9% zero)', \
     'activation-histograms.dat' index 9 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' title 'he, layer 50 (53.0% zero)'
