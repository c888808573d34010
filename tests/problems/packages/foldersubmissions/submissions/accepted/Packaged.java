package com.example.solution;

import java.io.BufferedReader;
import java.io.InputStreamReader;

public class Packaged {
    public static void main(String[] args) throws Exception {
        String[] parts = new BufferedReader(new InputStreamReader(System.in)).readLine().trim().split(" ");
        System.out.println(Long.parseLong(parts[0]) + Long.parseLong(parts[1]));
    }
}
