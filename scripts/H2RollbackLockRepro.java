import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Why NumberAllocator has a per-node gate: H2 lets two transactions waiting on a row lock both
 * through when the holder rolls back. 16 connections take numbers from one counter row with
 * SELECT … FOR UPDATE + UPDATE, every fifth transaction rolled back; prints how many committed
 * numbers were taken twice (should be 0). Run with the H2 jar of the version to check:
 *
 *   java -cp ~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar scripts/H2RollbackLockRepro.java [rounds] [rollback-every]
 *
 * 2026-11-26, 60 rounds: 2 and 16 duplicates on 2.3.232 (two runs), 6 on 2.5.252; with rollback-every 0: 0.
 */
public class H2RollbackLockRepro {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rollbackEvery = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("h2-repro");
        String url = "jdbc:h2:file:" + dir + "/db;LOCK_TIMEOUT=30000;WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("create table number_counter(doc_type varchar(8), scope_key varchar(16),"
                    + " last_number int, primary key (doc_type, scope_key))");
        }
        List<Connection> pool = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Connection c = DriverManager.getConnection(url, "sa", "");
            c.setAutoCommit(false);
            pool.add(c);
        }
        int duplicates = 0;
        for (int round = 0; round < rounds; round++) {
            String scope = "s" + round;
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                c.createStatement().execute("insert into number_counter values ('GM', '" + scope + "', 0)");
            }
            List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                Connection c = pool.get(t);
                futures.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 20; i++) {
                        int last;
                        try (PreparedStatement select = c.prepareStatement(
                                "select last_number from number_counter where doc_type = 'GM' and scope_key = ? for update")) {
                            select.setString(1, scope);
                            try (ResultSet rs = select.executeQuery()) {
                                rs.next();
                                last = rs.getInt(1);
                            }
                        }
                        try (PreparedStatement update = c.prepareStatement(
                                "update number_counter set last_number = ? where doc_type = 'GM' and scope_key = ?")) {
                            update.setInt(1, last + 1);
                            update.setString(2, scope);
                            update.executeUpdate();
                        }
                        if (rollbackEvery > 0 && (thread + i) % rollbackEvery == 0) {
                            c.rollback();
                        } else {
                            c.commit();
                            committed.add(last + 1);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            threads.shutdown();
            duplicates += committed.size() - new HashSet<>(committed).size();
        }
        for (Connection c : pool) {
            c.close();
        }
        System.out.println(org.h2.engine.Constants.FULL_VERSION + ": " + rounds + " rounds, rollback every "
                + rollbackEvery + ": " + duplicates + " duplicate numbers");
    }
}
