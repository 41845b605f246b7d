# mid-training-sharpness.gp — written by GradientLab. Edit and re-render with: gnuplot mid-training-sharpness.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'mid-training-sharpness.png'
set title 'Sharpness λ_{max} against the quadratic limit 2/η'
set xlabel 'SGD step'
set ylabel 'λ_{max} (probe of 128 images)'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 57.0, graph 0 to 57.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'warm-up to η = 0.4: explodes at step 57' at 57.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'mid-training-sharpness.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'λ_{max}, warm-up to η = 0.4', \
     'mid-training-sharpness.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title '2/η, warm-up to η = 0.4', \
     'mid-training-sharpness.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'λ_{max}, peak η = 0.1', \
     'mid-training-sharpness.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title '2/η, peak η = 0.1'
