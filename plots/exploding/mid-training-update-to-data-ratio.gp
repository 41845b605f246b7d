# mid-training-update-to-data-ratio.gp — written by GradientLab. Edit and re-render with: gnuplot mid-training-update-to-data-ratio.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'mid-training-update-to-data-ratio.png'
set title 'Update-to-data ratio std(Δw)/std(w), median layer'
set xlabel 'SGD step'
set ylabel 'std(Δw) / std(w)'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 57.0, graph 0 to 57.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'explodes at step 57' at 57.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'mid-training-update-to-data-ratio.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'warm-up to η = 0.4', \
     'mid-training-update-to-data-ratio.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'peak η = 0.1', \
     'mid-training-update-to-data-ratio.dat' index 2 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#17becf' title '1e-3'
