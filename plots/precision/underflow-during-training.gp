# underflow-during-training.gp — written by GradientLab. Edit and re-render with: gnuplot underflow-during-training.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'underflow-during-training.png'
set title 'Gradient entries Float16 cannot hold, during training'
set xlabel 'SGD step'
set ylabel 'share of nonzero entries'
set grid
set key below horizontal maxcols 3 samplen 2
plot 'underflow-during-training.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title '≤ 2⁻²⁵ (rounds to 0)', \
     'underflow-during-training.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'underflow-during-training.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'stored as 0 in a Float16 step', \
     'underflow-during-training.dat' index 3 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#2ca02c' title '< 2⁻¹⁴ (subnormal)', \
     'underflow-during-training.dat' index 4 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' notitle
