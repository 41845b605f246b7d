# cnn-loss-by-epoch.gp — written by GradientLab. Edit and re-render with: gnuplot cnn-loss-by-epoch.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'cnn-loss-by-epoch.png'
set title 'The documents'' CNN on 28×28 digits: loss per epoch'
set xlabel 'epoch'
set ylabel 'cross-entropy'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 1.0, graph 0 to 1.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'best checkpoint' at 1.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'cnn-loss-by-epoch.dat' index 0 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 'documents'' CNN: training', \
     'cnn-loss-by-epoch.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'documents'' CNN: validation', \
     'cnn-loss-by-epoch.dat' index 2 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'max pooling + flatten: training', \
     'cnn-loss-by-epoch.dat' index 3 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'max pooling + flatten: validation'
