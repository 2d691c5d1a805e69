// description: Bulk first load (embedded store only): append every Task row from Task.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY Task FROM 'Task.csv' (HEADER=false)
