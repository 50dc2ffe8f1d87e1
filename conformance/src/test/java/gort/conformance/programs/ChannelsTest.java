package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Channel operations and select compiled against the scheduler's chan.goc port. */
class ChannelsTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void sendReceiveCloseAndRange(Arch arch) {
        String src =
                """
        package main

        type pair struct{ a, b int }

        func produce(c chan<- int, n int) {
        	for i := 1; i <= n; i++ {
        		c <- i * i
        	}
        	close(c)
        }

        func main() {
        	c := make(chan int)
        	go produce(c, 4)
        	sum := 0
        	for v := range c {
        		sum += v
        	}
        	println("sum", sum)
        	v, ok := <-c
        	println(v, ok)
        	b := make(chan pair, 2)
        	b <- pair{1, 2}
        	println(len(b), cap(b))
        	p := <-b
        	println(p.a, p.b, len(b))
        	var nilc chan int
        	println(len(nilc), cap(nilc))
        	done := make(chan bool)
        	go func() { done <- true }()
        	<-done
        	println("done")
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(new Go.Run("sum 30\n0 false\n1 2\n1 2 0\n0 0\ndone\n", 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void selectWithCasesAndDefault(Arch arch) {
        String src =
                """
        package main

        func main() {
        	c := make(chan int, 1)
        	select {
        	case v := <-c:
        		println("got", v)
        	default:
        		println("empty")
        	}
        	c <- 7
        	select {
        	case v, ok := <-c:
        		println("got", v, ok)
        	default:
        		println("empty")
        	}
        	d := make(chan string, 1)
        	select {
        	case d <- "hi":
        		println("sent")
        	case v := <-c:
        		println("recv", v)
        	}
        	println(<-d)
        	quit := make(chan bool)
        	res := make(chan int)
        	go func() {
        		for i := 0; ; i++ {
        			select {
        			case res <- i:
        			case <-quit:
        				println("quit")
        				res <- -1
        				return
        			}
        		}
        	}()
        	println(<-res, <-res, <-res)
        	quit <- true
        	println(<-res)
        }
        """;
        assertThat(Go.run(arch, src))
                .isEqualTo(new Go.Run("empty\ngot 7 true\nsent\nhi\n0 1 2\nquit\n-1\n", 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aBlockedMainIsADeadlock(Arch arch) {
        String src =
                """
        package main

        func main() {
        	c := make(chan int)
        	<-c
        }
        """;
        Go.Run r = Go.run(arch, src);
        assertThat(r.stderr()).startsWith("fatal error: all goroutines are asleep - deadlock!\n");
        assertThat(r.exit()).isEqualTo(2);
    }
}
