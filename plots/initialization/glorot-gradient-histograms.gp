# glorot-gradient-histograms.gp — written by GradientLab. Edit and re-render with: gnuplot glorot-gradient-histograms.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'glorot-gradient-histograms.png'
set title '|∂L/∂h_l| per layer, standard vs normalized init'
set xlabel 'log10 |∂L/∂h|'
set ylabel 'share of the layer''s units'
set grid
set key outside right top
plot 'glorot-gradient-histograms.dat' index 0 using 1:2 with steps linewidth 2 linecolor rgb '#1f77b4' title 'standard, layer 1', \
     'glorot-gradient-histograms.dat' index 1 using 1:2 with steps linewidth 2 linecolor rgb '#d62728' title 'standard, layer 2', \
     'glorot-gradient-histograms.dat' index 2 using 1:2 with steps linewidth 2 linecolor rgb '#2ca02c' title 'standard, layer 3', \
     'glorot-gradient-histograms.dat' index 3 using 1:2 with steps linewidth 2 linecolor rgb '#ff7f0e' title 'standard, layer 4', \
     'glorot-gradient-histograms.dat' index 4 using 1:2 with steps linewidth 2 linecolor rgb '#9467bd' title 'standard, layer 5', \
     'glorot-gradient-histograms.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 'normalized, layer 1', \
     'glorot-gradient-histograms.dat' index 6 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'normalized, layer 2', \
     'glorot-gradient-histograms.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 'normalized, layer 3', \
     'glorot-gradient-histograms.dat' index 8 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' title 'normalized, layer 4', \
     'glorot-gradient-histograms.dat' index 9 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' title 'normalized, layer 5'
