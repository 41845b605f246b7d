# gradient-histograms.gp — written by GradientLab. Edit and re-render with: gnuplot gradient-histograms.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'gradient-histograms.png'
set title '|∂L/∂h| per hidden layer at step 0 (share of units per half-octave)'
set xlabel 'log10 |∂L/∂h|'
set ylabel 'share of the layer''s units'
set grid
set key outside right top
plot 'gradient-histograms.dat' index 0 using 1:2 with steps linewidth 2 linecolor rgb '#1f77b4' title 'σ_w² = 3, layer 1', \
     'gradient-histograms.dat' index 1 using 1:2 with steps linewidth 2 linecolor rgb '#d62728' title 'σ_w² = 3, layer 12', \
     'gradient-histograms.dat' index 2 using 1:2 with steps linewidth 2 linecolor rgb '#2ca02c' title 'σ_w² = 3, layer 25', \
     'gradient-histograms.dat' index 3 using 1:2 with steps linewidth 2 linecolor rgb '#ff7f0e' title 'σ_w² = 3, layer 37', \
     'gradient-histograms.dat' index 4 using 1:2 with steps linewidth 2 linecolor rgb '#9467bd' title 'σ_w² = 3, layer 50', \
     'gradient-histograms.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 'he, layer 1', \
     'gradient-histograms.dat' index 6 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'he, layer 12', \
     'gradient-histograms.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 'he, layer 25', \
     'gradient-histograms.dat' index 8 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' title 'he, layer 37', \
     'gradient-histograms.dat' index 9 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' title 'he, layer 50'
