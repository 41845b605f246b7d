# rounding-error-by-binade.gp — written by GradientLab. Edit and re-render with: gnuplot rounding-error-by-binade.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'rounding-error-by-binade.png'
set title 'The largest relative rounding error in each binade, 2ᵏ ≤ x < 2ᵏ⁺¹'
set xlabel '2ᵏ'
set ylabel 'largest |round(x) − x| / x'
set grid
set key outside right top
set logscale x
set logscale y; set format y '10^{%L}'
plot 'rounding-error-by-binade.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'Float32', \
     'rounding-error-by-binade.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'rounding-error-by-binade.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'Float16', \
     'rounding-error-by-binade.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' notitle, \
     'rounding-error-by-binade.dat' index 4 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#2ca02c' title 'BFloat16', \
     'rounding-error-by-binade.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' notitle
