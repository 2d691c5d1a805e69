// description: Bulk first load (embedded store only): append every Deadline row from Deadline.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY Deadline FROM 'Deadline.csv' (HEADER=false)
