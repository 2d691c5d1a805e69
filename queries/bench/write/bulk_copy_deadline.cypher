// description: Bulk first load (embedded store only): append every Deadline row from Deadline.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY Deadline FROM 'Deadline.csv' (HEADER=false)
