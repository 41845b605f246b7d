# gradient-histograms-plain-vs-residual.gp — written by GradientLab. Edit and re-render with: gnuplot gradient-histograms-plain-vs-residual.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'gradient-histograms-plain-vs-residual.png'
set title '|∂L/∂h| after weight layer l at init, L = 100: plain vs residual'
set xlabel 'log10 |∂L/∂h|'
set ylabel 'share of the layer''s units'
set grid
set key outside right top
plot 'gradient-histograms-plain-vs-residual.dat' index 0 using 1:2 with steps linewidth 2 linecolor rgb '#1f77b4' title 'plain, layer 2', \
     'gradient-histograms-plain-vs-residual.dat' index 1 using 1:2 with steps linewidth 2 linecolor rgb '#d62728' title 'plain, layer 24', \
     'gradient-histograms-plain-vs-residual.dat' index 2 using 1:2 with steps linewidth 2 linecolor rgb '#2ca02c' title 'plain, layer 50', \
     'gradient-histograms-plain-vs-residual.dat' index 3 using 1:2 with steps linewidth 2 linecolor rgb '#ff7f0e' title 'plain, layer 74', \
     'gradient-histograms-plain-vs-residual.dat' index 4 using 1:2 with steps linewidth 2 linecolor rgb '#9467bd' title 'plain, layer 100', \
     'gradient-histograms-plain-vs-residual.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 'residual, α = 1/√L, layer 2', \
     'gradient-histograms-plain-vs-residual.dat' index 6 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'residual, α = 1/√L, layer 24', \
     'gradient-histograms-plain-vs-residual.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 'residual, α = 1/√L, layer 50', \
     'gradient-histograms-plain-vs-residual.dat' index 8 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' title 'residual, α = 1/√L, layer 74', \
     'gradient-histograms-plain-vs-residual.dat' index 9 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' title 'residual, α = 1/√L, layer 100'
