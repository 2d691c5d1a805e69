// description: Bulk first load (embedded store only): append every Target row from Target.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY Target FROM 'Target.csv' (HEADER=false)
