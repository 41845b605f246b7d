# warmup-loss.gp — written by GradientLab. Edit and re-render with: gnuplot warmup-loss.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'warmup-loss.png'
set title 'Lesson 1''s warm-up explosion in Float32 and in Float16, seed 42'
set xlabel 'SGD step'
set ylabel 'mini-batch loss'
set grid
set key below horizontal maxcols 3 samplen 2
set logscale y; set format y '10^{%L}'
set arrow 1 from 90.0, graph 0 to 90.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'Float16, dynamic S: non-finite at x = 90' at 90.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'warmup-loss.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'Float32', \
     'warmup-loss.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'Float16, dynamic S', \
     'warmup-loss.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'Float16, dynamic S, clip after unscaling', \
     'warmup-loss.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'Float16, dynamic S, clip before unscaling'
