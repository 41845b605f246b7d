# fix-activation-histograms.gp — written by GradientLab. Edit and re-render with: gnuplot fix-activation-histograms.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'fix-activation-histograms.png'
set title '|h| per hidden layer at step 0, plain vs batch norm'
set xlabel 'log10 |h|'
set ylabel 'share of the layer''s non-zero units'
set grid
set key outside right top
plot 'fix-activation-histograms.dat' index 0 using 1:2 with steps linewidth 2 linecolor rgb '#1f77b4' title 'plain, layer 1', \
     'fix-activation-histograms.dat' index 1 using 1:2 with steps linewidth 2 linecolor rgb '#d62728' title 'plain, layer 5', \
     'fix-activation-histograms.dat' index 2 using 1:2 with steps linewidth 2 linecolor rgb '#2ca02c' title 'plain, layer 10', \
     'fix-activation-histograms.dat' index 3 using 1:2 with steps linewidth 2 linecolor rgb '#ff7f0e' title 'plain, layer 15', \
     'fix-activation-histograms.dat' index 4 using 1:2 with steps linewidth 2 linecolor rgb '#9467bd' title 'plain, layer 20', \
     'fix-activation-histograms.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 'with batch norm, layer 1', \
     'fix-activation-histograms.dat' index 6 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'with batch norm, layer 5', \
     'fix-activation-histograms.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 'with batch norm, layer 10', \
     'fix-activation-histograms.dat' index 8 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' title 'with batch norm, layer 15', \
     'fix-activation-histograms.dat' index 9 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' title 'with batch norm, layer 20'
